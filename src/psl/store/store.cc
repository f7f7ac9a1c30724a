#include "psl/store/store.h"

#include "psl/store/migrations.h"
#include "psl/store/postgres/postgres_connection.h"
#include "psl/store/sqlite/sqlite_connection.h"

namespace psl::store {

class Store::Lease {
 public:
  Lease(Store* store, std::unique_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  ~Lease() {
    if (connection_) store_->GiveBack(std::move(connection_));
  }
  Connection& connection() { return *connection_; }
  // A connection that failed mid-transaction is closed rather than reused.
  void Discard() {
    connection_.reset();
    store_->Forget();
  }

 private:
  Store* store_;
  std::unique_ptr<Connection> connection_;
};

Result<std::unique_ptr<Store>> Store::Open(std::string_view url, StoreOptions options) {
  const int max_connections = options.max_connections < 1 ? 1 : options.max_connections;
  std::unique_ptr<Store> store;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) {
      return Status(ErrorCode::kInvalidArgument, "give the SQLite file, like sqlite:psl.db", "db");
    }
    const bool sync = options.sync_every_commit;
    store.reset(new Store(
        Dialect::kSqlite, [path, sync] { return OpenSqlite(path, sync); }, max_connections));
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    std::string conninfo(url);
    store.reset(new Store(
        Dialect::kPostgres, [conninfo] { return OpenPostgres(conninfo); }, max_connections));
  } else {
    return Status(ErrorCode::kInvalidArgument,
                  "unknown database '" + std::string(url) +
                      "'; use sqlite:PATH or postgresql://user@host:port/database",
                  "db");
  }
  // Open one connection now so that a bad path or an unreachable server is reported here.
  { PSL_ASSIGN_OR_RETURN(Lease lease, store->Borrow()); }
  return store;
}

Store::Store(Dialect dialect, Factory factory, int max_connections)
    : dialect_(dialect), factory_(std::move(factory)), max_connections_(max_connections) {}

Store::~Store() = default;

Result<Store::Lease> Store::Borrow() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [&] { return !idle_.empty() || open_count_ < max_connections_; });
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(connection));
  }
  ++open_count_;
  lock.unlock();
  auto opened = factory_();
  if (!opened.ok()) {
    Forget();
    return std::move(opened).status();
  }
  return Lease(this, std::move(opened).value());
}

void Store::GiveBack(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

void Store::Forget() {
  {
    std::lock_guard lock(mutex_);
    --open_count_;
  }
  available_.notify_one();
}

Status Store::Run(bool write, const std::function<Status(Transaction&)>& work) {
  std::unique_lock<std::mutex> writer;
  if (write && dialect_ == Dialect::kSqlite) writer = std::unique_lock(sqlite_writer_);
  PSL_ASSIGN_OR_RETURN(Lease lease, Borrow());
  Connection& connection = lease.connection();
  if (Status begun = connection.Begin(write); !begun.ok()) {
    lease.Discard();
    return begun;
  }
  Transaction transaction(connection);
  Status status = work(transaction);
  if (status.ok() && write) {
    status = connection.Commit();
    if (status.ok()) return status;
  }
  if (Status rolled_back = connection.Rollback(); !rolled_back.ok()) lease.Discard();
  return status;
}

Status Store::Write(const std::function<Status(Transaction&)>& work) { return Run(true, work); }

Status Store::Read(const std::function<Status(Transaction&)>& work) { return Run(false, work); }

Status Store::Migrate(Timestamp now) {
  PSL_ASSIGN_OR_RETURN(Lease lease, Borrow());
  return MigrateToLatest(lease.connection(), now.unix_seconds());
}

Result<int> Store::SchemaVersion() {
  PSL_ASSIGN_OR_RETURN(Lease lease, Borrow());
  return CurrentSchemaVersion(lease.connection());
}

}  // namespace psl::store
