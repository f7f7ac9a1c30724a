// A process-wide cache of immutable, versioned configuration, owned by App.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "psl/tariff/tariff.h"

namespace psl::app {

// Immutable, versioned configuration documents parsed once per process (a version never
// changes once published, so caching it cannot go stale). Held by the caller for the App's
// lifetime; thread-safe.
// What a public quote reads, loaded in one transaction and shared by every request thread
// for a couple of seconds: the approved tariffs, the districts' scores and the series. A
// registration never prices from it: it reads the database in its own transaction.
struct QuoteSnapshot {
  std::vector<tariff::Tariff> approved;  // every approved version, the built-in one included
  std::map<std::string, tariff::Area, std::less<>> areas;
  std::shared_ptr<const tariff::UnemploymentSeries> series;
  std::chrono::steady_clock::time_point loaded_at;
};

class JourneyCache {
 public:
  // How long a snapshot serves: a tariff approved or districts imported by another server
  // process show in quotes within this time (in this process, at once: see Forget...).
  static constexpr std::chrono::seconds kQuoteSnapshotLifetime{2};
  // The snapshot, or null when there is none or it is older than its lifetime.
  std::shared_ptr<const QuoteSnapshot> FreshQuoteSnapshot() const;
  void PutQuoteSnapshot(std::shared_ptr<const QuoteSnapshot> snapshot) const;
  void ForgetQuoteSnapshot() const;

  std::shared_ptr<const tariff::Tariff> Tariff(int version) const;
  void PutTariff(std::shared_ptr<const tariff::Tariff> tariff) const;
  // The unemployment series as last loaded; reset when the series is imported.
  std::shared_ptr<const tariff::UnemploymentSeries> Series() const;
  void PutSeries(std::shared_ptr<const tariff::UnemploymentSeries> series) const;

 private:
  mutable std::mutex mutex_;
  mutable std::vector<std::shared_ptr<const tariff::Tariff>> tariffs_;
  mutable std::shared_ptr<const tariff::UnemploymentSeries> series_;
  mutable std::shared_ptr<const QuoteSnapshot> quote_snapshot_;
};

}  // namespace psl::app
