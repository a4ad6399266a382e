package dev.vigil.ingest.error.edge;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import jakarta.inject.Singleton;

/**
 * Puts {@link GuardedServerCodec} in place of Netty's codec (same limits, from
 * {@code micronaut.server.netty.*}) and {@link HttpEdgeGuard} right behind it on every HTTP/1
 * connection. The Lambda handler has no Netty: API Gateway does this framing work there.
 */
@Singleton
public class HttpEdgeCustomizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final NettyHttpServerConfiguration server;

    public HttpEdgeCustomizer(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new PerConnection(null));
        return event.getBean();
    }

    private final class PerConnection implements NettyServerCustomizer {
        private final Channel channel;

        PerConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) {
                return;
            }
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null || pipeline.get(HttpEdgeGuard.NAME) != null) {
                return;
            }
            HttpDecoderConfig config = new HttpDecoderConfig()
                    .setMaxInitialLineLength(server.getMaxInitialLineLength())
                    .setMaxHeaderSize(server.getMaxHeaderSize())
                    .setMaxChunkSize(server.getMaxChunkSize())
                    .setValidateHeaders(server.isValidateHeaders())
                    .setInitialBufferSize(server.getInitialBufferSize());
            pipeline.replace(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                    ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, new GuardedServerCodec(config));
            pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HttpEdgeGuard.NAME, new HttpEdgeGuard());
        }
    }
}
