# Review rounds move to the correspondence app (a round is a batch of letters): their
# tables are renamed here, then correspondence takes the models over without touching
# the database (correspondence 0008), and 0004 drops them from this app's state.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("correspondence", "0007_sort_indexes_name_the_id"),
        ("grants", "0007_sort_indexes_name_the_id"),
        ("jurisdictions", "0002_jurisdiction_state_pub_idx"),
    ]

    operations = [
        migrations.AlterModelTable("reviewround", "correspondence_reviewround"),
        migrations.AlterModelTable(
            "historicalreviewround", "correspondence_historicalreviewround"
        ),
    ]
