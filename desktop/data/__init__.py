"""The data layer: schema, Store, import and build. Never imports Qt."""
