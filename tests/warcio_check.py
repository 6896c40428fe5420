"""Reads a WARC with warcio (a third-party reader), checking every digest.

Usage: python warcio_check.py ARCHIVE.warc.gz
Prints `records=N responses=M` and exits 1 on a digest mismatch or a read error.
"""
import sys

from warcio.archiveiterator import ArchiveIterator


def main(path):
    records = responses = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, check_digests="raise"):
            records += 1
            if record.rec_type == "response":
                responses += 1
                assert record.http_headers is not None, "response without HTTP headers"
                assert record.rec_headers.get_header("WARC-Target-URI"), "no target URI"
            record.content_stream().read()
    print(f"records={records} responses={responses} ")


if __name__ == "__main__":
    main(sys.argv[1])
