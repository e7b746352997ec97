package com.amends.webhook;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Keeps the first bytes of an answer and then hangs up, so an endpoint that answers with a
 * gigabyte, or never stops answering, costs one small buffer and not the delivery worker.
 */
final class AnswerPrefix implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final byte[] buffer;
    private int size;
    private Flow.Subscription subscription;

    AnswerPrefix(int limit) {
        this.buffer = new byte[limit];
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> new AnswerPrefix(limit);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int take = Math.min(item.remaining(), buffer.length - size);
            item.get(buffer, size, take);
            size += take;
            if (size == buffer.length) {
                subscription.cancel();
                result.complete(buffer.clone());
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(Arrays.copyOf(buffer, size));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
