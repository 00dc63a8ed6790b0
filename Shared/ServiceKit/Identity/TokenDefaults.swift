/// The issuer and audience access tokens carry unless configured otherwise (`JWT_ISSUER`, `JWT_AUDIENCE`);
/// the auth service signs with them and the gateway checks them, so they are defined once.
public enum TokenDefaults {
    public static let issuer = "devmentor-auth"
    public static let audience = "devmentor"
}
