package io.kvs.storage;

/** Where a record starts in the log: segment number and byte offset inside that segment file. */
record Location(int segment, long offset) {
}
