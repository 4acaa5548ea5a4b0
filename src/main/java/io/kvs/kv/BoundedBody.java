package io.kvs.kv;

import io.kvs.refusals.BodyTooLargeException;
import io.kvs.refusals.InvalidRequestException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body without ever holding more than the limit: a declared Content-Length over it is refused
 * before a byte is read, and a chunked (or lying) body is cut off one byte past it.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** A client's JSON body, limited by {@code max_json_size}. */
    static byte[] read(InputStream in, long declaredLength, int limit) {
        return read(in, declaredLength, limit, "max_json_size");
    }

    /**
     * @param declaredLength the Content-Length, or -1 when the body is chunked
     * @param limitName      what sets the limit, for the 413 message
     */
    public static byte[] read(InputStream in, long declaredLength, int limit, String limitName) {
        if (declaredLength > limit) {
            throw tooLarge(limit, limitName);
        }
        try {
            byte[] body = in.readNBytes(limit == Integer.MAX_VALUE ? limit : limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit, limitName);
            }
            return body;
        } catch (IOException e) {
            throw new InvalidRequestException("could not read the request body: " + e.getMessage());
        }
    }

    private static BodyTooLargeException tooLarge(int limit, String limitName) {
        return new BodyTooLargeException("the body exceeds " + limitName + " (" + limit + " bytes)");
    }
}
