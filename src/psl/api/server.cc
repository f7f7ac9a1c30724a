#include "psl/api/server.h"

#include <httplib.h>
#include <sodium.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "psl/api/request_decoding.h"
#include "psl/api/routes.h"

namespace psl::api {
namespace {

using Clock = std::chrono::steady_clock;

// Per-request facts for the log line, kept on the request's own thread: cpp-httplib runs the
// pre-routing handler, the route handler and the logger for one request on one thread.
struct RequestFacts {
  Clock::time_point started;
  std::string request_id;
  std::string_view route = "unmatched";
};
thread_local RequestFacts current_request;

std::string NewRequestId() {
  static const std::uint32_t prefix = [] {
    std::uint32_t random = 0;
    randombytes_buf(&random, sizeof random);
    return random;
  }();
  static std::atomic<std::uint64_t> counter{0};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%08x-%08llx", prefix,
                static_cast<unsigned long long>(++counter));
  return buffer;
}

std::string RoutePattern(std::string_view path) {
  std::string pattern;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '{') {
      i = path.find('}', i);
      pattern += "([^/]+)";
    } else if (c == '.') {
      pattern += "\\.";
    } else {
      pattern += c;
    }
  }
  return pattern;
}

// Starts the per-request facts and sets the headers every response carries.
void BeginRequest(httplib::Response& res) {
  current_request.started = Clock::now();
  current_request.request_id = NewRequestId();
  current_request.route = "unmatched";
  res.set_header("X-Request-Id", current_request.request_id);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
}

void Apply(const ApiResponse& response, httplib::Response& res) {
  res.status = response.status;
  if (!response.body.empty()) res.set_content(response.body, response.content_type.c_str());
}

Status StatusForHttpError(const httplib::Request& req, int status) {
  switch (status) {
    case 404:
      return Status(ErrorCode::kNotFound, "no route " + req.method + " " + req.path +
                                              "; the routes are listed at /api/v1/openapi.json");
    case 413:
      return Status(ErrorCode::kResourceExhausted, "the request body is larger than 64 KiB");
    case 405:
      return Status(ErrorCode::kInvalidArgument, "method not allowed on " + req.path);
    default:
      return Status(ErrorCode::kInvalidArgument,
                    "the HTTP request could not be read (status " + std::to_string(status) + ")");
  }
}

}  // namespace

Server::Server(app::App& app, ServerOptions options)
    : app_(app), options_(std::move(options)), http_(std::make_unique<httplib::Server>()) {
  if (sodium_init() < 0) PSL_CHECK(false, "libsodium failed to initialise");
  const int threads = options_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_payload_max_length(kMaxBodyBytes);
  http_->set_keep_alive_max_count(1000);
  // cpp-httplib writes headers and body separately; with Nagle's algorithm on, every response
  // then waits ~40 ms for the client's delayed ACK (docs/benchmarks.md).
  http_->set_tcp_nodelay(true);

  if (!options_.web_root.empty()) {
    std::ifstream index(options_.web_root + "/index.html");
    std::stringstream contents;
    contents << index.rdbuf();
    index_html_ = contents.str();
    http_->set_mount_point("/", options_.web_root);
  }

  http_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    BeginRequest(res);
    // cpp-httplib reads a chunked body whole before any limit applies, so a client could make
    // the server hold any amount of memory: bodies must say their length up front.
    if (req.has_header("Transfer-Encoding")) {
      Apply(ErrorResponse(Status(ErrorCode::kInvalidArgument,
                                 "send the body with a Content-Length, not Transfer-Encoding",
                                 "Transfer-Encoding")),
            res);
      res.status = 411;
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  // Called for every response with status >= 400. Route handlers have already written their
  // JSON error; this fills in only what cpp-httplib produced itself (unknown route, oversized
  // body, unreadable request), and serves the web interface for its client-side routes.
  http_->set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Handled;
    // A request cpp-httplib could not read (URI or header too long) never reached pre-routing.
    if (!res.has_header("X-Request-Id")) BeginRequest(res);
    const bool page_request = req.method == "GET" && !req.path.starts_with("/api/") &&
                              req.path != "/metrics" && req.path != "/healthz";
    if (res.status == 404 && page_request && !index_html_.empty()) {
      current_request.route = "web";
      res.status = 200;
      res.set_content(index_html_, "text/html; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    // Keep cpp-httplib's own status (404, 405, 413, 414, ...): the JSON body explains it.
    const int status = res.status;
    Apply(ErrorResponse(StatusForHttpError(req, status)), res);
    res.status = status;
    return httplib::Server::HandlerResponse::Handled;
  }));

  http_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Apply(ErrorResponse(Status(ErrorCode::kInternal,
                                   "an unexpected error; quote request " +
                                       current_request.request_id + " when reporting it")),
              res);
      });

  http_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    const double seconds =
        std::chrono::duration<double>(Clock::now() - current_request.started).count();
    std::string_view route = current_request.route;
    if (route == "unmatched" && res.status < 400 && req.method == "GET") route = "static";
    metrics_.Record(std::string(route), res.status, seconds);
    if (options_.log == nullptr) return;
    const nlohmann::json line = {{"request_id", current_request.request_id},
                                 {"method", req.method},
                                 {"route", route},
                                 {"path", req.path},
                                 {"status", res.status},
                                 {"duration_ms", seconds * 1000.0}};
    WriteLog(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  });

  RegisterRoutes();
}

Server::~Server() = default;

void Server::WriteLog(const std::string& line) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fputs(line.c_str(), options_.log);
  std::fputc('\n', options_.log);
}

void Server::RegisterRoutes() {
  for (const Route& route : AllRoutes()) {
    const std::string pattern = RoutePattern(route.path);
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) {
      current_request.route = route.path;
      // cpp-httplib refuses a Content-Length over the limit, but reads a chunked body whole:
      // refuse that here with the same 413 (the decoders' own check would say 429).
      if (req.body.size() > kMaxBodyBytes) {
        Apply(ErrorResponse(StatusForHttpError(req, 413)), res);
        res.status = 413;
        return;
      }
      ApiRequest request;
      request.context.request_id = current_request.request_id;
      request.context.principal = access::Principal::Public();

      const std::string authorization = req.get_header_value("Authorization");
      if (!authorization.empty()) {
        constexpr std::string_view kBearer = "Bearer ";
        if (!authorization.starts_with(kBearer)) {
          Apply(ErrorResponse(Status(ErrorCode::kUnauthenticated,
                                     "use 'Authorization: Bearer <token>'", "Authorization")),
                res);
          return;
        }
        request.bearer_token = authorization.substr(kBearer.size());
        auto principal = app_.Authenticate(request.bearer_token);
        if (!principal.ok()) {
          Apply(ErrorResponse(principal.status()), res);
          return;
        }
        request.context.principal = *principal;
      }
      if (Status allowed = access::RequireRole(request.context.principal, route.allowed);
          !allowed.ok()) {
        Apply(ErrorResponse(allowed), res);
        return;
      }
      for (std::size_t i = 1; i < req.matches.size(); ++i) {
        request.path_parameters.push_back(req.matches[i].str());
      }
      for (const auto& [key, value] : req.params) request.query.emplace(key, value);
      request.body = req.body;
      Services services{app_, metrics_};
      Apply(route.handler(services, request), res);
    };
    if (route.method == "GET") {
      http_->Get(pattern, handler);
    } else if (route.method == "POST") {
      http_->Post(pattern, handler);
    } else if (route.method == "DELETE") {
      http_->Delete(pattern, handler);
    } else {
      PSL_CHECK(false, "the route table uses GET, POST and DELETE only");
    }
  }
}

Result<int> Server::Bind() {
  // Two fixes to cpp-httplib's defaults for the listening socket:
  //  - it sets SO_REUSEPORT, so a second server could bind the same port and the kernel would
  //    split requests between them (perhaps between two databases): use SO_REUSEADDR alone;
  //  - it listens with a backlog of 5 (compiled into Debian's library): a burst of more
  //    simultaneous connections overflows it, and the extra clients stall for a second or are
  //    reset. Note the socket as it is made, and listen again with the system's maximum.
  socket_t listening = INVALID_SOCKET;
  http_->set_socket_options([&listening](socket_t socket) {
    const int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = socket;
  });
  const int port = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                                      : (http_->bind_to_port(options_.host, options_.port)
                                             ? options_.port
                                             : -1);
  http_->set_socket_options([](socket_t) {});  // `listening` goes out of scope
  if (port >= 0 && listening != INVALID_SOCKET) ::listen(listening, SOMAXCONN);
  if (port < 0) {
    return Status(ErrorCode::kUnavailable,
                  "cannot listen on " + options_.host + ":" + std::to_string(options_.port) +
                      "; is another server using the port? choose another with --listen");
  }
  return port;
}

void Server::Run() { http_->listen_after_bind(); }

void Server::Stop() {
  // cpp-httplib's stop() does nothing until the listening loop is running, so a Stop() racing a
  // Run() that has not started yet (a signal just after start-up, a test's quick tear-down)
  // would be lost and Run() would serve for ever. Wait for the loop first, boundedly, so that a
  // Stop() without any Run() still returns.
  for (int waited_ms = 0; waited_ms < 2000 && !http_->is_running(); ++waited_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  http_->stop();
}

}  // namespace psl::api
