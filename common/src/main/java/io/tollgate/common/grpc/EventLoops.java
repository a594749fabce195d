package io.tollgate.common.grpc;

import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * Puts a proxy's outgoing connection on the event loop of the connection it serves. A gRPC server
 * with a direct executor runs each call on its connection's event loop; a channel built on that
 * same loop writes there too, so forwarding a message from one connection to the other wakes no
 * other thread (a write to a connection of another loop queues a task there and wakes its thread).
 *
 * <p>Only epoll's loops are offered (a channel's type must match its loop's): grpc-netty's default
 * event loop group, which servers and channels share, is epoll's where epoll is available (Linux).
 */
public final class EventLoops {
    private EventLoops() {
    }

    /** The epoll event loop whose thread this is; null on any other thread, or on a loop of another transport. */
    public static EventLoop current() {
        EventExecutor executor = ThreadExecutorMap.currentExecutor();
        return executor instanceof IoEventLoop loop && loop.isIoType(EpollIoHandler.class) ? loop : null;
    }

    /**
     * Has {@code builder}'s connection live on {@code loop}, one {@link #current()} gave (or leaves
     * grpc-netty's choice when it is null). The loop is not shut down with the channel: grpc-java
     * leaves a group it was given to its owner.
     */
    public static NettyChannelBuilder on(NettyChannelBuilder builder, EventLoop loop) {
        return loop == null ? builder : builder.eventLoopGroup(loop).channelType(EpollSocketChannel.class);
    }
}
