"""Dialogs of the workbench: one per module."""
