"""The operating system: secrets, logging set-up, resource paths, data dirs."""
