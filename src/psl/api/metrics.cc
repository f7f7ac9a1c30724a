#include "psl/api/metrics.h"

#include <fmt/format.h>

namespace psl::api {

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& histogram = durations_[route];
  for (std::size_t i = 0; i < kBucketSeconds.size(); ++i) {
    if (seconds <= kBucketSeconds[i]) ++histogram.buckets[i];
  }
  ++histogram.count;
  histogram.sum_seconds += seconds;
}

std::string Metrics::PrometheusText() const {
  std::lock_guard lock(mutex_);
  std::string text =
      "# HELP psl_http_requests_total HTTP requests by route and status.\n"
      "# TYPE psl_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    text += fmt::format("psl_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                        key.second, count);
  }
  text +=
      "# HELP psl_http_request_duration_seconds Time to answer a request, by route.\n"
      "# TYPE psl_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : durations_) {
    for (std::size_t i = 0; i < kBucketSeconds.size(); ++i) {
      text += fmt::format("psl_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                          route, kBucketSeconds[i], histogram.buckets[i]);
    }
    text += fmt::format("psl_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                        route, histogram.count);
    text += fmt::format("psl_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route,
                        histogram.sum_seconds);
    text += fmt::format("psl_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                        histogram.count);
  }
  return text;
}

}  // namespace psl::api
