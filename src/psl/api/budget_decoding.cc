// Placeholder: the budget request decoders are being written.
