"""SEND Adviser Desk: offline guidance, providers and Local Offer for SEND advisers."""

__version__ = "0.1.0"
APP_NAME = "SEND Adviser Desk"
ORG_NAME = "SEND Adviser Desk"
