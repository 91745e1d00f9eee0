import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Asks one outside URL whether it is still there: HEAD first (no body to download), GET
/// when a server refuses HEAD, redirects followed by hand so a permanent move can be told
/// from a temporary one. Only the status line and headers are read; a GET is cancelled
/// as soon as they arrive.
struct ExternalFetcher: Sendable {
    var timeout: TimeInterval = 10
    var maxRedirects = 10

    /// What asking found.
    enum Answer: Equatable, Sendable, Codable {
        case status(Int)
        /// No answer: the host does not exist.
        case noSuchHost
        case timedOut
        /// Connection refused, TLS failure and the like.
        case failed(String)
    }

    /// The final answer, and where a permanent redirect (301, 308) first pointed, if any.
    struct Result: Equatable, Sendable, Codable {
        var answer: Answer
        var finalURL: String
        var movedPermanently: Bool
    }

    func check(_ url: String) -> Result {
        var current = url
        var permanent = false
        for _ in 0...maxRedirects {
            var (answer, location) = ask(current, method: "HEAD")
            // Some servers refuse HEAD (405, 501) or answer it wrongly; GET is the truth.
            if case .status(let code) = answer, code >= 400 && code != 429 {
                (answer, location) = ask(current, method: "GET")
            }
            guard case .status(let code) = answer, [301, 302, 303, 307, 308].contains(code), let location,
                  let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString else {
                return Result(answer: answer, finalURL: current, movedPermanently: permanent)
            }
            // A chain is permanent only if its first hop is: that is the link the author wrote.
            if current == url { permanent = code == 301 || code == 308 }
            current = next
        }
        return Result(answer: .failed("more than \(maxRedirects) redirects"), finalURL: current, movedPermanently: false)
    }

    /// One request; the status and the `Location` header, without following redirects.
    private func ask(_ url: String, method: String) -> (Answer, String?) {
        guard let target = URL(string: url) else { return (.failed("not a valid URL"), nil) }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("sitegen/\(Builder.version) (link check)", forHTTPHeaderField: "User-Agent")
        let delegate = OneRequest()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: request)
        task.resume()
        // timeoutInterval is an idle timeout; this bounds the whole request however a
        // server trickles.
        if delegate.done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            return (.timedOut, nil)
        }
        return delegate.outcome
    }
}

/// The delegate of one request: keeps the response, refuses to follow redirects (the
/// fetcher follows them itself) and cancels the body.
private final class OneRequest: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var finished = false

    var outcome: (ExternalFetcher.Answer, String?) {
        lock.withLock { storedOutcome }
    }
    private var storedOutcome: (ExternalFetcher.Answer, String?) = (.failed("no answer"), nil)

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        lock.withLock { self.response = response }
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        lock.withLock { self.response = response as? HTTPURLResponse }
        finish()
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        finish(error: error)
    }

    private func finish(error: Error? = nil) {
        let first: Bool = lock.withLock {
            guard !finished else { return false }
            finished = true
            if let response {
                storedOutcome = (.status(response.statusCode), response.value(forHTTPHeaderField: "Location"))
            } else if let error = error as? URLError {
                switch error.code {
                case .cannotFindHost, .dnsLookupFailed: storedOutcome = (.noSuchHost, nil)
                case .timedOut: storedOutcome = (.timedOut, nil)
                default: storedOutcome = (.failed(error.localizedDescription), nil)
                }
            } else if let error {
                storedOutcome = (.failed(error.localizedDescription), nil)
            }
            return true
        }
        if first { done.signal() }
    }
}
