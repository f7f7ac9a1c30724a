// Placeholder: the claim request decoders are being written.
