"""Thin routes: parse the request, call the portal flow or the intake service, render a template."""
