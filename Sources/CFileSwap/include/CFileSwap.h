#ifndef CFILESWAP_H
#define CFILESWAP_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): after the call
/// each name points at what the other did, with no moment where either is missing.
/// Returns 0 on success, -1 with errno set (ENOSYS/EINVAL where unsupported).
int sitegen_exchange_paths(const char *first, const char *second);

#endif
