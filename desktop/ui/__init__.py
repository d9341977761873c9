"""Qt widgets, models and dialogs. Reads data only through desktop.data.store.Store."""
