package io.seqcast.api.admission;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;

/**
 * A request body stream that runs a check before every read and after every read that returned data,
 * with the bytes read so far: the seam of the body filters (a size limit, a time limit). The check
 * fails by throwing an {@link IOException}, which the message converters wrap like any unreadable body.
 */
public abstract class CheckedBodyStream extends ServletInputStream {

    private final ServletInputStream in;
    private long read;

    protected CheckedBodyStream(ServletInputStream in) {
        this.in = in;
    }

    /** @param bytesRead bytes of the body read so far */
    protected abstract void check(long bytesRead) throws IOException;

    @Override
    public int read() throws IOException {
        check(read);
        int b = in.read();
        if (b >= 0) {
            read++;
            check(read);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check(read);
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            read += n;
            check(read);
        }
        return n;
    }

    @Override
    public boolean isFinished() {
        return in.isFinished();
    }

    @Override
    public boolean isReady() {
        return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
    }
}
