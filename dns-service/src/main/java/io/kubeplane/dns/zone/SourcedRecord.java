package io.kubeplane.dns.zone;

import org.xbill.DNS.Record;

/** A record and the object it came from. */
public record SourcedRecord(Record record, Source source) {
}
