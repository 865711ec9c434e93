"""Print a table's BigQuery JSON schema (``python -m schemas entities``) or its column
reference as Markdown (``python -m schemas entities --markdown``)."""

import argparse

from schemas import TABLES, bigquery_json
from schemas.markdown import markdown


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m schemas",
        description="Print the BigQuery JSON schema of a newsbeam table "
        "(for `bq mk --external_table_definition` or `bq load --schema`).")
    parser.add_argument("table", choices=sorted(TABLES))
    parser.add_argument("--with-partition", action="store_true",
                        help="include the `month` partition column (for native tables "
                        "loaded from the files; external hive tables add it themselves)")
    parser.add_argument("--markdown", action="store_true",
                        help="print the column reference as a Markdown table instead")
    args = parser.parse_args(argv)
    print(markdown(args.table) if args.markdown else bigquery_json(args.table, args.with_partition))


if __name__ == "__main__":
    main()
