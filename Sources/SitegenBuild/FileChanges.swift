/// What changed on disk since the last look, as `sitegen serve` hands it to
/// `Pipeline.run(changes:)`.
public enum FileChanges: Sendable, Equatable {
    /// Exactly these files or folders (absolute paths, as the watcher was given them)
    /// were created, written, removed or renamed.
    case paths(Set<String>)
    /// Anything may have changed (the kernel's event queue overflowed, a watched root
    /// went away): look at every file again.
    case unknown
}
