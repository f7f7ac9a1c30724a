// The SQLite engine behind Connection: the embedded default. Opens the file in WAL mode
// with foreign keys on and a busy timeout, and keeps each distinct SQL text prepared.
#pragma once

#include <memory>
#include <string_view>

#include "psl/store/connection.h"

namespace psl::store {

// `path` is a file name (created when missing) or ":memory:".
Result<std::unique_ptr<Connection>> OpenSqlite(std::string_view path, bool sync_every_commit = true);

}  // namespace psl::store
