package io.kvs.kv;

import io.kvs.refusals.BodyTooLargeException;
import io.kvs.refusals.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoundedBodyTest {

    @Test
    void bodyUpToTheLimitIsReadWhole() {
        byte[] body = new byte[10];
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), 10, 10));
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeReading() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        assertThrows(BodyTooLargeException.class, () -> BoundedBody.read(untouchable, 11, 10));
    }

    @Test
    void chunkedBodyOverTheLimitIsCutOffOneBytePast() {
        CountingStream endless = new CountingStream();
        assertThrows(BodyTooLargeException.class, () -> BoundedBody.read(endless, -1, 1000));
        assertEquals(1001, endless.served);
    }

    @Test
    void brokenBodyStreamIsTheClientsFault() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThrows(InvalidRequestException.class, () -> BoundedBody.read(broken, -1, 10));
    }

    private static final class CountingStream extends InputStream {

        long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served += len;
            return len;
        }
    }
}
