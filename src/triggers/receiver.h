// triggers: the receivers as a verifier extension (verifier/extension.h),
// so they run in the verifier's process on its HTTP core, limits, log and
// ledger when the config names a triggers file, and not at all otherwise:
//   POST /v1/hooks/<source>/<campaign>   provider webhooks (GET: Mailchimp's check)
//   POST /v1/till/<campaign>             a till asks for one code now
//   GET  /c/<source>/<campaign>?...      a provider's redirect lands here: the code
#pragma once

#include <memory>

#include "verifier/extension.h"

namespace sf::triggers {

/// The factory for verifier::run_verifier: nullptr when `config.triggers`
/// is empty. Loads the triggers file, keyring, campaigns and revocations;
/// throws sf::Error (naming the file) when one does not load.
std::unique_ptr<verifier::ServiceExtension> make_receivers(const verifier::Config& config,
                                                          verifier::Services& services);

}  // namespace sf::triggers
