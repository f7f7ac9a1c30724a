// A process-wide cache of immutable, versioned configuration, owned by App.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "psl/tariff/tariff.h"

namespace psl::app {

// Immutable, versioned configuration documents parsed once per process (a version never
// changes once published, so caching it cannot go stale). Held by the caller for the App's
// lifetime; thread-safe.
class JourneyCache {
 public:
  std::shared_ptr<const tariff::Tariff> Tariff(int version) const;
  void PutTariff(std::shared_ptr<const tariff::Tariff> tariff) const;
  // The unemployment series as last loaded; reset when the series is imported.
  std::shared_ptr<const tariff::UnemploymentSeries> Series() const;
  void PutSeries(std::shared_ptr<const tariff::UnemploymentSeries> series) const;

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::shared_ptr<const tariff::Tariff>> tariffs_;
  mutable std::shared_ptr<const tariff::UnemploymentSeries> series_;
};

}  // namespace psl::app
