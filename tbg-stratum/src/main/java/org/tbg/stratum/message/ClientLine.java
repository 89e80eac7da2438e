package org.tbg.stratum.message;

/** What the stratum decoder makes of one client line: a request, or the reason it is not one. */
public sealed interface ClientLine permits StratumRequest, MalformedLine {
}
