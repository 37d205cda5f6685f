from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from review.loader import DATA_DIR, DataError, Loader


class Command(BaseCommand):
    help = (
        "Load the real, sourced record of DOJ's 1373 review from the project's data "
        "files. Safe to run again: it changes only what differs and never overwrites a "
        "record that staff edited in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="Folder of the YAML data files.",
        )

    def handle(self, *args: object, data_dir: Path, **options: object) -> None:
        try:
            report = Loader(data_dir).run()
        except DataError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        if options["verbosity"] < 1:
            return
        for line in report.lines():
            self.stdout.write(line)
        for record in report.kept:
            self.stdout.write(self.style.WARNING(f"kept staff edits to {record}"))
        self.stdout.write(self.style.SUCCESS("Review data loaded."))
