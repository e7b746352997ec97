package com.amends.platform;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses bodies over the configured size before they are read into memory: by Content-Length
 * when the client sends one, and by counting bytes when it streams a chunked body.
 *
 * <p>A refused body is still read and thrown away, up to {@link #DRAIN_FACTOR} times the limit,
 * before the answer goes out. Jetty closes a connection whose request body the application left
 * unread, and a client still sending that body then gets a TCP reset that can discard the 413
 * already on its way: the client sees a dropped connection instead of the refusal. Beyond that
 * bound the body is abandoned, so a client cannot make the server read without end.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodySizeLimit implements ContainerRequestFilter {
    static final int DRAIN_FACTOR = 16;
    /** The limit unless the configuration says otherwise (maxRequestBody). */
    public static final int DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

    private final long maxBytes;

    public BodySizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBytes) {
                    drain(request.getEntityStream());
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw new ApiException(ErrorCode.INVALID_PARAMETER, "Content-Length is not a number");
            }
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }

    private void drain(InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        long left = maxBytes * DRAIN_FACTOR;
        try {
            for (int n; left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0; ) {
                left -= n;
            }
        } catch (IOException gone) {
            // The client went away; there is nobody left to answer.
        }
    }

    private ApiException tooLarge() {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The body may be at most " + maxBytes + " bytes");
    }

    private final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            remaining -= n;
            if (remaining < 0) {
                drain(in);
                throw tooLarge();
            }
        }
    }
}
