import CHiredis
import NIOCore

/// Turns argument lists into RESP with hiredis' `redisFormatCommandArgv`, so the wire format comes from
/// the reference implementation rather than from code of ours.
enum RESPCommandEncoder {
    static func encode(_ command: [RedisArgument], into buffer: inout ByteBuffer) throws {
        guard !command.isEmpty else {
            throw RedisError.protocolError("cannot send an empty command")
        }
        // hiredis 0.14.1 sums the formatted length in an `int`, so anything near 2 GiB would overflow
        // inside C; Redis itself refuses bulk strings over 512 MB anyway.
        let payload = command.reduce(0) { $0 + $1.bytes.count }
        guard payload < Int(Int32.max) / 2, command.count < Int(Int32.max) else {
            throw RedisError.protocolError("command of \(payload) bytes is too large to encode")
        }

        // One contiguous copy gives every argument a stable address for the duration of the C call;
        // the extra byte keeps the base address non-nil when every argument is empty.
        var storage: [UInt8] = []
        storage.reserveCapacity(payload + 1)
        var lengths: [Int] = []
        lengths.reserveCapacity(command.count)
        for argument in command {
            storage.append(contentsOf: argument.bytes)
            lengths.append(argument.bytes.count)
        }
        storage.append(0)

        var formatted: UnsafeMutablePointer<CChar>?
        let length = storage.withUnsafeBytes { raw -> Int32 in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var argv: [UnsafePointer<CChar>?] = []
            argv.reserveCapacity(command.count)
            var offset = 0
            for length in lengths {
                argv.append(base + offset)
                offset += length
            }
            return argv.withUnsafeMutableBufferPointer { argvPointer in
                lengths.withUnsafeBufferPointer { lengthsPointer in
                    redisFormatCommandArgv(&formatted, Int32(command.count), argvPointer.baseAddress, lengthsPointer.baseAddress)
                }
            }
        }
        guard length >= 0, let formatted else {
            throw RedisError.protocolError("hiredis could not format the command (out of memory)")
        }
        defer { redisFreeCommand(formatted) }
        buffer.writeBytes(UnsafeRawBufferPointer(start: formatted, count: Int(length)))
    }
}
