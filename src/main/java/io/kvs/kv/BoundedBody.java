package io.kvs.kv;

import io.kvs.web.ApiException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body without ever holding more than the limit: a declared Content-Length over it is refused
 * before a byte is read, and a chunked (or lying) body is cut off one byte past it.
 */
final class BoundedBody {

    private BoundedBody() {
    }

    /** @param declaredLength the Content-Length, or -1 when the body is chunked */
    static byte[] read(InputStream in, long declaredLength, int limit) {
        if (declaredLength > limit) {
            throw tooLarge(limit);
        }
        try {
            byte[] body = in.readNBytes(limit == Integer.MAX_VALUE ? limit : limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    private static ApiException tooLarge(int limit) {
        return ApiException.tooLarge("the body exceeds max_json_size (" + limit + " bytes)");
    }
}
