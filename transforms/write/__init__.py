"""Write: rows of a table in; zstd Parquet files under the run's staging folder out.

``parquet.WriteTable`` writes any table of ``schemas.TABLES`` (hive-partitioned by month
where the table is), batch or streaming; the commit (``pipeline/commit.py``) publishes
the files when the run has succeeded.
"""
