package io.kvs.watch;

/** An open watch, as its HTTP side sees it: the callbacks the container's listeners forward. */
public interface Watch {

    /** The sink can take more bytes. */
    void writable();

    /** The client went away or the response failed: the hub forgets the watch. */
    void ended();
}
