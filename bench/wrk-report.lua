-- wrk: the summary line every benchmark reads, as JSON (dofile'd by the request scripts).
function done(summary, latency, requests)
  io.write(string.format('{"requests": %d, "duration_s": %.2f, "rps": %.1f, "errors": %d, "non2xx": %d, ' ..
      '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "max_ms": %.3f}\n',
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
