from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Clearly fictional demo data for a developer's machine, the screenshots and the benchmark:
    experts with made-up names on example.org, fictional rounds after 2025, and one demo account
    per role. The only app that may import every other one."""

    name = "demo"
    verbose_name = "Demo"
