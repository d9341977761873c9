"""The feed pipeline: source → shape reader → normalised record → writer → refresh (design §9)."""
