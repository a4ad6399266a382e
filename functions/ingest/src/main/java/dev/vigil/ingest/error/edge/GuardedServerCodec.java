package dev.vigil.ingest.error.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Netty's HttpServerCodec, except that a request carrying both Content-Length and Transfer-Encoding
 * is marked as failed ({@link ConflictingFramingException}) instead of being served with the
 * Content-Length silently dropped: RFC 9112 section 6.1 lets a server serve it only if it then
 * closes the connection, and such requests are how request smuggling starts. Netty's codec cannot
 * be extended (it is final), so this mirrors its two small additions: the request methods queued
 * for the encoder, so answers to HEAD and CONNECT are framed right.
 */
final class GuardedServerCodec extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {

    private final Queue<HttpMethod> methods = new ArrayDeque<>();

    GuardedServerCodec(HttpDecoderConfig config) {
        init(new Decoder(config), new Encoder());
    }

    /** The request is answered 400 and the connection closed by {@link HttpEdgeGuard}. */
    static final class ConflictingFramingException extends IllegalArgumentException {
        ConflictingFramingException() {
            super("request has both Content-Length and Transfer-Encoding", null);
        }
    }

    private final class Decoder extends HttpRequestDecoder {

        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, io.netty.buffer.ByteBuf buffer, List<Object> out) throws Exception {
            int before = out.size();
            super.decode(ctx, buffer, out);
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof HttpRequest request) {
                    methods.add(request.method());
                }
            }
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.setDecoderResult(DecoderResult.failure(new ConflictingFramingException()));
        }
    }

    private final class Encoder extends HttpResponseEncoder {
        private HttpMethod method;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            method = methods.poll();
            return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
        }

        @Override
        protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
            if (!isAlwaysEmpty && HttpMethod.CONNECT.equals(method) && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
                msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
                return;
            }
            super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
        }
    }
}
