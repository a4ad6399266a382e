package dev.vigil.ingest.format.remotewrite;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import jakarta.inject.Inject;

/**
 * Netty inflates request bodies by Content-Encoding before a controller runs, and takes {@code snappy} for the
 * framed format, which refuses Prometheus's block format. For the remote-write path only, the header is taken
 * off so the body reaches {@link RemoteWriteController} as sent (on Lambda, where there is no Netty, it arrives
 * untouched anyway). gzip and deflate on every other path keep Netty's handling.
 */
@Context
@Requires(beans = NettyServerCustomizer.Registry.class)
class SnappyBodyPassThrough implements NettyServerCustomizer {

    static final String PATH = "/api/v1/write";
    private static final String SNAPPY = "snappy";

    @Nullable
    private final Channel channel;

    @Inject
    SnappyBodyPassThrough(NettyServerCustomizer.Registry registry) {
        this.channel = null;
        registry.register(this);
    }

    private SnappyBodyPassThrough(Channel channel) {
        this.channel = channel;
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
        return new SnappyBodyPassThrough(channel);
    }

    @Override
    public void onStreamPipelineBuilt() {
        if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
            channel.pipeline().addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, "vigil-snappy-pass-through",
                    new HeaderRewrite());
        }
    }

    private static final class HeaderRewrite extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request && isRemoteWrite(request.uri())
                    && SNAPPY.equalsIgnoreCase(request.headers().get(HttpHeaderNames.CONTENT_ENCODING, "").trim())) {
                request.headers().remove(HttpHeaderNames.CONTENT_ENCODING);
            }
            ctx.fireChannelRead(msg);
        }

        private static boolean isRemoteWrite(String uri) {
            return uri.equals(PATH) || uri.startsWith(PATH + "?");
        }
    }
}
