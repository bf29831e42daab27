"""Screens of the workbench: one per module."""
