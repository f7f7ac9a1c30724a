// Request counters and latency histograms in the Prometheus text format (GET /metrics).
// Hand-written because Debian ships no Prometheus client for C++; it is small: one counter per
// (route, status) and one histogram per route. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace psl::api {

class Metrics {
 public:
  void Record(const std::string& route, int status, double seconds);
  std::string PrometheusText() const;

 private:
  static constexpr std::array<double, 10> kBucketSeconds = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                            0.025,  0.05,  0.1,    0.5,   2.5};
  struct Histogram {
    std::array<std::uint64_t, kBucketSeconds.size()> buckets{};
    std::uint64_t count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> durations_;
};

}  // namespace psl::api
