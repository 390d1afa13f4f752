"""The Qt desktop application. Widgets call services; they never hold a session."""
