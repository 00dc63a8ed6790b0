/// Every Redis key and value format the lock uses, in one place.
///
/// - `<prefix><resource>`: the lock itself, a string `"<fencingToken>:<owner>"` with a PX expiry. The token
///   comes first because it never contains a colon, so the owner may contain any character.
/// - `<prefix><resource>:fence`: the resource's fencing counter, incremented by every new tenure. It has no
///   expiry and release never touches it, so tokens keep increasing across tenures, crashes and restarts
///   of any service (only deleting the key by hand, or losing Redis' data, resets it).
///
/// With the default prefix the projects service's locks live at `lock:project:<id>` as docs/api.md promises.
/// A resource ending in `:fence` would make its lock key another resource's counter key, so such names
/// (and the empty name) are rejected as programming errors.
enum LockKeys {
    static let fenceSuffix = ":fence"

    static func lock(_ resource: String, prefix: String) -> String {
        validate(resource)
        return prefix + resource
    }

    static func fence(_ resource: String, prefix: String) -> String {
        validate(resource)
        return prefix + resource + fenceSuffix
    }

    /// The lock key's value for one tenure; release and extend compare it whole.
    static func value(fencingToken: Int64, owner: String) -> String {
        "\(fencingToken):\(owner)"
    }

    /// The inverse of `value`; nil when the key holds something this type did not write.
    static func parse(value: String) -> (fencingToken: Int64, owner: String)? {
        guard let colon = value.firstIndex(of: ":"), let token = Int64(value[..<colon]) else { return nil }
        return (token, String(value[value.index(after: colon)...]))
    }

    private static func validate(_ resource: String) {
        precondition(!resource.isEmpty, "a lock resource name must not be empty")
        precondition(
            !resource.hasSuffix(fenceSuffix),
            "lock resource '\(resource)' ends in '\(fenceSuffix)', which would collide with a fencing counter key"
        )
    }
}
