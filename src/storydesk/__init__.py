"""storydesk."""
