package io.kubeplane.dns.zone;

import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * The zone's answer to one question.
 *
 * @param rcode       {@link Rcode#NOERROR} (records, or none: NODATA), {@link Rcode#NXDOMAIN}, or
 *                    {@link Rcode#REFUSED} for a name outside the zone
 * @param answers     the answer section, with where each record came from
 * @param additional  the additional section (the addresses of SRV targets)
 * @param explanation why: what answered, or what is missing
 */
public record Answer(int rcode, List<SourcedRecord> answers, List<Record> additional, String explanation) {

    public boolean nodata() {
        return rcode == Rcode.NOERROR && answers.isEmpty();
    }
}
