"""Modal dialogs, one per module; each is a ModalScreen[T] that returns T with dismiss()."""
