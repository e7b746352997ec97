package com.amends.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * A file system for H2 whose disk a test can fill: while {@link #fill()} holds, every write to a
 * file under the {@code diskfull:} prefix fails as a full disk makes it fail, with the same
 * exception, so that H2 meets it where it would. Reads, and everything else, go to the real file.
 */
public final class DiskFull extends FilePathWrapper {
    private static volatile boolean full;

    static {
        FilePath.register(new DiskFull());
    }

    /** An H2 URL of a file database in this directory on this file system, with the shipped options. */
    public static TestDatabase database(Path directory) {
        return TestDatabase.h2Url("jdbc:h2:diskfull:" + directory.resolve("amends").toAbsolutePath()
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;RETENTION_TIME=10000");
    }

    public static void fill() {
        full = true;
    }

    public static void free() {
        full = false;
    }

    @Override
    public String getScheme() {
        return "diskfull";
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends FileBase {
        private final FileChannel base;

        Channel(FileChannel base) {
            this.base = base;
        }

        private static void checkSpace() throws IOException {
            if (full) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public synchronized int write(ByteBuffer source, long position) throws IOException {
            checkSpace();
            return base.write(source, position);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            checkSpace();
            return base.write(source);
        }

        @Override
        public synchronized int read(ByteBuffer target, long position) throws IOException {
            return base.read(target, position);
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            return base.read(target);
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        public long position() throws IOException {
            return base.position();
        }

        @Override
        public FileChannel position(long position) throws IOException {
            base.position(position);
            return this;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            base.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            base.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
