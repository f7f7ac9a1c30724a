// Store: PSL's persistence port. Opens SQLite ("sqlite:PATH") or PostgreSQL
// ("postgresql://..."), applies migrations, and runs units of work in transactions. The tables
// (users, sessions, audit, ledger, ...) are written once against Connection, so both engines
// behave the same and pass the same store test suite.
//
// Thread-safe: Read and Write may be called from many threads; each call borrows one pooled
// connection for the length of its transaction.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "psl/store/audit_table.h"
#include "psl/store/connection.h"
#include "psl/store/ledger_table.h"
#include "psl/store/user_tables.h"

namespace psl::store {

// What a unit of work sees: the tables, all on one connection inside one transaction.
class Transaction {
 public:
  explicit Transaction(Connection& connection) : connection_(connection) {}
  UserTable users() { return UserTable(connection_); }
  SessionTable sessions() { return SessionTable(connection_); }
  ApiKeyTable api_keys() { return ApiKeyTable(connection_); }
  PartyTable parties() { return PartyTable(connection_); }
  AuditTable audit() { return AuditTable(connection_); }
  LedgerTable ledger() { return LedgerTable(connection_); }
  Connection& connection() { return connection_; }

 private:
  Connection& connection_;
};

struct StoreOptions {
  int max_connections = 8;
  // SQLite: false trades durability against a power cut (not against a killed process: WAL
  // still keeps the file consistent) for speed, by not syncing each commit. Only for bulk
  // set-up nobody has been told is saved, such as `psl demo`; never for serving.
  bool sync_every_commit = true;
};

class Store {
 public:
  // "sqlite:PATH" (PATH may be ":memory:" only with max_connections 1) or "postgresql://...".
  // kInvalidArgument for any other form; kUnavailable when the database cannot be opened.
  static Result<std::unique_ptr<Store>> Open(std::string_view url, StoreOptions options = {});

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Dialect dialect() const { return dialect_; }

  Status Migrate(Timestamp now);
  Result<int> SchemaVersion();

  // Runs `work` in a write transaction: committed when it returns OK, rolled back otherwise
  // (and when it returns an error the error is passed on unchanged).
  Status Write(const std::function<Status(Transaction&)>& work);
  // Runs `work` in a read transaction (a consistent snapshot); always rolled back.
  Status Read(const std::function<Status(Transaction&)>& work);

 private:
  using Factory = std::function<Result<std::unique_ptr<Connection>>()>;
  Store(Dialect dialect, Factory factory, int max_connections);

  class Lease;
  Result<Lease> Borrow();
  void GiveBack(std::unique_ptr<Connection> connection);
  void Forget();  // a pooled connection was closed
  Status Run(bool write, const std::function<Status(Transaction&)>& work);

  Dialect dialect_;
  Factory factory_;
  int max_connections_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_count_ = 0;
  // SQLite allows one writer at a time. Writers of this process queue here, in order, instead
  // of sleeping in SQLite's busy handler (which backs off up to 100 ms between tries).
  std::mutex sqlite_writer_;
};

}  // namespace psl::store
