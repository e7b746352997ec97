package com.amends.platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body before the request gets a thread. The application reads bodies with
 * blocking reads, so a client that sends its body a byte at a time used to hold a request thread
 * for as long as it liked, and enough such clients held them all. Here the bytes are taken as they
 * arrive, with no thread waiting between them, and the request is handed on once the body is
 * complete; the application then reads it from memory.
 *
 * <p>A body is read for at most {@code timeout} after its headers. A body over the size limit is
 * read and dropped, up to {@link #DRAIN_FACTOR} times the limit, so that the client reads the 413
 * instead of a reset. Whatever ends the reading early (the timeout, the client hanging up, a body
 * over the limit), the application still answers the request: its read of the body fails, and
 * {@link ProblemMapper} turns the failure into the problem, counted and logged like any other.
 */
public final class BodyBuffer extends Handler.Wrapper {
    static final int DRAIN_FACTOR = 16;

    private final long maxBytes;
    private final Duration timeout;
    private final BodyMemory memory;

    public BodyBuffer(long maxBytes, Duration timeout, long memoryBytes) {
        if (memoryBytes < maxBytes) {
            throw new IllegalArgumentException("The memory for bodies must hold at least one body of the largest size");
        }
        this.maxBytes = maxBytes;
        this.timeout = timeout;
        this.memory = new BodyMemory(memoryBytes);
    }

    /** Bytes of bodies held now beyond each one's free allowance; for tests and metrics. */
    public long memoryInUse() {
        return memory.used();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields headers = request.getHeaders();
        long declared = headers.getLongField(HttpHeader.CONTENT_LENGTH);
        boolean chunked = headers.contains(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
        if (declared <= 0 && !chunked) {
            return super.handle(request, response, callback);
        }
        new Reading(request, response, callback, declared).start();
        return true;
    }

    /** The failure a body's read ends with when it took too long; its cause is the answer. */
    static final class TooSlow extends IOException {
        TooSlow(String message) {
            super(message, new ApiException(ErrorCode.REQUEST_TIMEOUT, message));
        }
    }

    /** The failure an over-limit body's read ends with, once dropped. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("body over the limit", new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    "The body may be at most " + maxBytes + " bytes"));
        }
    }

    /** One request's body being read; its state is guarded by itself. */
    private final class Reading implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private byte[] body;
        private int size;
        private long received;
        private long charged;
        /** Memory this body no longer needs, to give back once its lock is released. */
        private long givenUp;
        private boolean tooLarge;
        private boolean done;
        /** A chunk read while the memory was taken: it is kept until there is room. */
        private Content.Chunk waiting;
        private Scheduler.Task timer;
        private final Runnable retry = () -> read(true);

        Reading(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.tooLarge = declared > maxBytes;
            this.body = new byte[(int) Math.min(tooLarge || declared < 0 ? 1024 : declared, BodyMemory.FREE_BYTES)];
        }

        void start() {
            synchronized (this) {
                timer = request.getComponents().getScheduler()
                        .schedule(this::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            read(false);
        }

        /** Jetty calls this when more of the body can be read. */
        @Override
        public void run() {
            read(true);
        }

        /** Does no blocking work, so Jetty may call it on the thread that reads the network. */
        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        private void read(boolean onCallback) {
            Content.Chunk end;
            long dropped;
            synchronized (this) {
                end = readAvailable();
                dropped = givenUp;
                givenUp = 0;
            }
            // Outside the lock: giving memory back lets other bodies read on, which takes their locks.
            memory.give(dropped);
            if (end != null) {
                finish(end, onCallback);
            }
        }

        /** Reads what has arrived; the body's end once there is one, else null (waiting for bytes or for memory). */
        private Content.Chunk readAvailable() {
            while (!done) {
                Content.Chunk chunk = waiting != null ? waiting : request.read();
                waiting = null;
                if (chunk == null) {
                    request.demand(this);
                    return null;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Throwable failure = chunk.getFailure();
                    return Content.Chunk.from(failure instanceof TimeoutException
                            ? new TooSlow("No part of the request body arrived within the idle timeout") : failure, true);
                }
                int n = chunk.remaining();
                if (!tooLarge && received + n > maxBytes) {
                    tooLarge = true;
                    body = new byte[0];
                    size = 0;
                    givenUp += charged;
                    charged = 0;
                }
                if (!tooLarge && !keep(chunk)) {
                    waiting = chunk;
                    return null;
                }
                received += n;
                boolean last = chunk.isLast();
                chunk.release();
                if (tooLarge && (last || received > maxBytes * DRAIN_FACTOR)) {
                    return Content.Chunk.from(new TooLarge(maxBytes), true);
                }
                if (last) {
                    return Content.Chunk.from(ByteBuffer.wrap(body, 0, size), true);
                }
            }
            return null;
        }

        /** Copies a chunk into the body if the memory has room for it; false: wait for {@link #retry}. */
        private boolean keep(Content.Chunk chunk) {
            int n = chunk.remaining();
            long need = Math.max(0, size + n - BodyMemory.FREE_BYTES) - charged;
            if (need > 0) {
                if (!memory.take(need, retry)) {
                    return false;
                }
                charged += need;
            }
            if (size + n > body.length) {
                body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(size + n, 2L * body.length)));
            }
            chunk.getByteBuffer().get(body, size, n);
            size += n;
            return true;
        }

        private void timedOut() {
            finish(Content.Chunk.from(tooLarge ? new TooLarge(maxBytes)
                    : new TooSlow("The request body did not arrive within " + timeout.toSeconds() + " seconds"), true), true);
        }

        /** Hands the request on with the body read (or the failure that ended it), once. */
        private void finish(Content.Chunk end, boolean onCallback) {
            long held;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                timer.cancel();
                memory.forget(retry);
                if (waiting != null) {
                    waiting.release();
                    waiting = null;
                }
                held = charged;
            }
            Request buffered = new Buffered(request, end);
            Callback giveBack = new Callback.Nested(callback) {
                @Override
                public void succeeded() {
                    memory.give(held);
                    super.succeeded();
                }

                @Override
                public void failed(Throwable failure) {
                    memory.give(held);
                    super.failed(failure);
                }
            };
            if (onCallback) {
                try {
                    request.getContext().execute(() -> handOn(buffered, giveBack));
                } catch (RejectedExecutionException overloaded) {
                    // Every thread busy and the queue full: the connection is dropped rather than waited on.
                    giveBack.failed(overloaded);
                }
            } else {
                handOn(buffered, giveBack);
            }
        }

        private void handOn(Request buffered, Callback giveBack) {
            try {
                if (!BodyBuffer.super.handle(buffered, response, giveBack)) {
                    Response.writeError(buffered, response, giveBack, 404);
                }
            } catch (Throwable failure) {
                Response.writeError(buffered, response, giveBack, failure);
            }
        }
    }

    /** The request as the application sees it: its body comes from memory, then its end. */
    private static final class Buffered extends Request.Wrapper {
        private final ArrayDeque<Content.Chunk> chunks = new ArrayDeque<>();

        Buffered(Request request, Content.Chunk end) {
            super(request);
            chunks.add(end);
            if (!Content.Chunk.isFailure(end)) {
                chunks.add(Content.Chunk.EOF);
            }
        }

        @Override
        public Content.Chunk read() {
            synchronized (chunks) {
                // The end stays: reading past it gives it again, as a request's own content does.
                return chunks.size() > 1 ? chunks.poll() : chunks.peek();
            }
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}
