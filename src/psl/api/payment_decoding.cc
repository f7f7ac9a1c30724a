// Placeholder: the payment request decoders are being written.
