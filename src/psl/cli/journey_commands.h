// `psl quote` (TAR-1..3) and `psl jobs choice-deadlines` (CHO-3, CHO-7).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace psl::cli {

struct QuoteOptions {
  std::string outcome;
  std::vector<std::string> barriers;
  std::string area;
  std::string date;
  std::string db;  // empty: the built-in default tariff and data
};

// Registers the command; RunQuote runs it after parsing. Exit code 0, or 1 with a message.
CLI::App* AddQuoteCommand(CLI::App& cli, QuoteOptions& options);
int RunQuote(const QuoteOptions& options);

struct JobOptions {
  std::string db;
  std::string date;  // empty: today
};
CLI::App* AddJobsCommand(CLI::App& cli, JobOptions& options);
int RunChoiceDeadlines(const JobOptions& options);

}  // namespace psl::cli
