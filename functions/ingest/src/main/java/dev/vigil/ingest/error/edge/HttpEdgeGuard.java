package dev.vigil.ingest.error.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;

/**
 * Right after the HTTP/1 codec: answers what must not reach the application with the status the
 * RFCs name, in the API's error shape, and closes the connection (the rest of such a request
 * cannot be trusted to be framed as the client meant): a request line over
 * {@code micronaut.server.netty.max-initial-line-length} 414, headers over
 * {@code max-header-size} 431, an HTTP version other than 1.0 and 1.1 505, Content-Length together
 * with Transfer-Encoding 400.
 */
final class HttpEdgeGuard extends ChannelInboundHandlerAdapter {

    static final String NAME = "vigil-http-edge-guard";

    /** Set once a request was refused: everything after it on this connection is dropped. */
    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Refusal refusal = refusal(request);
            if (refusal != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                refuse(ctx, refusal);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private record Refusal(HttpResponseStatus status, String error) {
    }

    private static Refusal refusal(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                        "request line (method and URL) is longer than the limit; put long parameters in a body");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "request headers are larger than the limit");
            }
            if (cause instanceof GuardedServerCodec.ConflictingFramingException) {
                return new Refusal(HttpResponseStatus.BAD_REQUEST,
                        "request has both Content-Length and Transfer-Encoding; send one of them");
            }
            return null; // other malformed requests: the application answers 400 as before
        }
        HttpVersion version = request.protocolVersion();
        if (!HttpVersion.HTTP_1_1.equals(version) && !HttpVersion.HTTP_1_0.equals(version)) {
            return new Refusal(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED,
                    "HTTP version " + version.text() + " is not supported; use HTTP/1.1");
        }
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, Refusal refusal) {
        byte[] body = ("{\"error\":\"" + refusal.error() + "\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal.status(), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
