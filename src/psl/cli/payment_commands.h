// `psl split` (PAY-1..3), `psl pay prepare|release|statement` (PAY-8), `psl claims import-feed`
// (PAY-7) and `psl jobs surveys` (PAY-6).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace psl::cli {

struct PaymentOptions {
  std::string db;        // the database the run, feed and job commands work on
  std::string split_db;  // `psl split --db`: empty means the built-in rules
  std::string as;        // the regulator acting (four eyes)
  // split
  std::string price;
  std::string licensed;
  std::string registered;
  std::string outcome;
  // runs
  std::string as_of;
  std::int64_t run = 0;
  std::int64_t provider = 0;
  bool csv = false;
  // feeds and jobs
  std::string file;
  std::string name;
  std::string date;
};

struct PaymentCommands {
  CLI::App* split = nullptr;
  CLI::App* prepare = nullptr;
  CLI::App* release = nullptr;
  CLI::App* statement = nullptr;
  CLI::App* import_feed = nullptr;
  CLI::App* surveys = nullptr;
};

// Registers the commands (`jobs` must already exist: the surveys job joins it).
PaymentCommands AddPaymentCommands(CLI::App& cli, PaymentOptions& options);
// Runs whichever of them was parsed; -1 when none was.
int RunPaymentCommand(const PaymentCommands& commands, const PaymentOptions& options);

}  // namespace psl::cli
